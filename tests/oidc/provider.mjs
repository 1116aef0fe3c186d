// A real OpenID Connect provider (panva/oidc-provider) standing in for EU Login: in the
// interoperability tests (tests/oidc/conftest.py) and in `make run`'s demo. It is NOT EU Login.
//
// It listens on loopback (OIDC_PORT, default: a free port) and prints one line "READY <issuer>"
// once it accepts requests. Configuration from env:
//   OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URIS (comma-separated),
//   OIDC_TEST_ACCOUNTS: JSON list of {sub, email, email_verified, given_name, family_name, password};
//   OIDC_ACCOUNTS_FILE: a JSON file holding that list instead, read at every sign-in and written by
//   the "Create an account" page (as on EU Login, an address is verified when the account is made).
// The sign-in page is our own small interaction (email + password, like EU Login's form);
// consent is granted for the requested scopes once the user has signed in.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { URL } from 'node:url';

import Provider from 'oidc-provider';

const accountsFile = process.env.OIDC_ACCOUNTS_FILE || '';

function loadAccounts() {
  if (accountsFile) {
    try {
      return JSON.parse(fs.readFileSync(accountsFile, 'utf8'));
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
  }
  return JSON.parse(process.env.OIDC_TEST_ACCOUNTS || '[]');
}

const fold = (email) => (email || '').trim().toLowerCase();
const byEmail = (email) => loadAccounts().find((a) => fold(a.email) === fold(email));
const bySub = (sub) => loadAccounts().find((a) => a.sub === sub);

function addAccount(account) {
  const accounts = loadAccounts();
  accounts.push(account);
  fs.writeFileSync(accountsFile, `${JSON.stringify(accounts, null, 2)}\n`);
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const server = http.createServer();
server.listen(Number(process.env.OIDC_PORT || 0), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: process.env.OIDC_TEST_CLIENT_ID,
      client_secret: process.env.OIDC_TEST_CLIENT_SECRET,
      redirect_uris: (process.env.OIDC_TEST_REDIRECT_URIS || '').split(',').filter(Boolean),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['twinhub-test-cookie-key'] },
    async findAccount(ctx, sub) {
      const account = bySub(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: account.email,
            email_verified: account.email_verified !== false,
            given_name: account.given_name,
            family_name: account.family_name,
            name: `${account.given_name} ${account.family_name}`,
          };
        },
      };
    },
  });

  const page = (title, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
    <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
    .banner{background:#fff4ce;border:1px solid #d9b300;padding:.5rem .75rem;border-radius:4px;font-size:.9rem}
    label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.5rem;box-sizing:border-box}
    button{margin-top:1rem;padding:.5rem 1rem}</style></head><body>
    <p class="banner">Stand-in for EU Login (a local test provider) &middot; Yerine geçen yerel EU Login sağlayıcısı</p>
    <h1>${title}</h1>${body}</body></html>`;

  const signInForm = (uid, error = '') => page('Sign in', `${error}
    <form method="post" action="/interaction/${uid}/login">
      <label for="email">E-mail address &middot; E-posta adresi</label>
      <input id="email" name="email" autocomplete="email" autocapitalize="none" required>
      <label for="password">Password &middot; Parola</label>
      <input id="password" name="password" type="password" required>
      <button>Sign in</button></form>
    ${accountsFile ? `<p><a id="create-account" href="/interaction/${uid}/register">Create an account &middot; Hesap oluştur</a></p>` : ''}`);

  const registerForm = (uid, error = '') => page('Create an account', `${error}
    <form method="post" action="/interaction/${uid}/register">
      <label for="given_name">First name &middot; Ad</label><input id="given_name" name="given_name" required>
      <label for="family_name">Last name &middot; Soyad</label><input id="family_name" name="family_name" required>
      <label for="email">E-mail address &middot; E-posta adresi</label>
      <input id="email" name="email" autocomplete="email" autocapitalize="none" required>
      <label for="password">Password &middot; Parola</label>
      <input id="password" name="password" type="password" minlength="8" required>
      <button>Create the account</button></form>
    <p><a href="/interaction/${uid}">Sign in instead &middot; Oturum aç</a></p>`);

  async function readForm(req) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    return new URLSearchParams(Buffer.concat(chunks).toString());
  }

  async function interaction(req, res, uid, action) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const { prompt, params, session } = details;
    if (prompt.name === 'login') {
      const html = (status, body) => { res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }); res.end(body); };
      if (action === 'register' && accountsFile) {
        if (req.method === 'GET') return html(200, registerForm(uid));
        const form = await readForm(req);
        const email = (form.get('email') || '').trim();
        const fields = ['given_name', 'family_name', 'password'].map((name) => (form.get(name) || '').trim());
        let error = '';
        if (!/^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(email) || fields.some((f) => !f)) error = 'Fill in every field with a real e-mail address.';
        else if (byEmail(email)) error = 'An account with this e-mail address exists already: sign in.';
        else if (fields[2].length < 8) error = 'The password needs at least 8 characters.';
        if (error) return html(400, registerForm(uid, `<p id="error" role="alert">${escape(error)}</p>`));
        const sub = `eu-${crypto.randomUUID()}`;
        addAccount({ sub, email, email_verified: true, given_name: fields[0], family_name: fields[1], password: fields[2] });
        await provider.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
        return;
      }
      if (req.method === 'GET') return html(200, signInForm(uid));
      const form = await readForm(req);
      const account = byEmail(form.get('email'));
      if (action !== 'login' || !account || account.password !== form.get('password')) {
        return html(401, signInForm(uid, '<p id="error" role="alert">Wrong email or password.</p>'));
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.sub } },
        { mergeWithLastSubmission: false });
      return;
    }
    if (prompt.name === 'consent') {
      // EU Login does not ask for consent for a registered service: grant what is asked.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    res.writeHead(501);
    res.end('not implemented');
  }

  const oidc = provider.callback();
  server.on('request', (req, res) => {
    const { pathname } = new URL(req.url, issuer);
    const match = pathname.match(/^\/interaction\/([^/]+)(?:\/(login|register))?$/);
    if (!match) {
      oidc(req, res);
      return;
    }
    interaction(req, res, match[1], match[2]).catch((err) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  process.stdout.write(`READY ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
