// Tell the server the browser's time zone, so event times are shown in the viewer's zone.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + zone) === -1) {
      document.cookie = "tz=" + encodeURIComponent(zone) + ";path=/;max-age=31536000;SameSite=Lax";
    }
  } catch (e) { /* an old browser: the country's zone is used */ }
})();
