// A real OpenID Connect provider (panva/oidc-provider) standing in for EU Login in tests.
//
// Started by the pytest fixture in tests/oidc/conftest.py. It listens on a free loopback port
// and prints one line "READY <issuer>" once it accepts requests. Configuration from env:
//   OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URIS (comma-separated),
//   OIDC_TEST_ACCOUNTS: JSON list of {sub, email, email_verified, given_name, family_name, password}.
// The login page is our own small interaction (email + password, like EU Login's form);
// consent is granted for the requested scopes once the user has signed in.
import http from 'node:http';
import { URL } from 'node:url';

import Provider from 'oidc-provider';

const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS || '[]');
const byEmail = new Map(accounts.map((a) => [a.email.toLowerCase(), a]));
const bySub = new Map(accounts.map((a) => [a.sub, a]));

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
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
      const account = bySub.get(sub);
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

  const page = (title, body) => `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;

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
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page('Sign in', `<form method="post" action="/interaction/${uid}/login">
          <input name="email"><input name="password" type="password"><button>Sign in</button></form>`));
        return;
      }
      const form = await readForm(req);
      const account = byEmail.get((form.get('email') || '').toLowerCase());
      if (action !== 'login' || !account || account.password !== form.get('password')) {
        res.writeHead(401, { 'content-type': 'text/html' });
        res.end(page('Sign in', '<p id="error">Wrong email or password.</p>'));
        return;
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
    const match = pathname.match(/^\/interaction\/([^/]+)(?:\/(login))?$/);
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
