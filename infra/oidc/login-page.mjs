/** The local provider's own sign-in page: labelled fields (axe runs on it), no script, no external resources. */

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1b1f24; }
  main { max-width: 22rem; margin: 4rem auto; padding: 2rem; background: #fff; border: 1px solid #c9ced6; border-radius: 8px; }
  h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
  p { margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { box-sizing: border-box; width: 100%; padding: .5rem; font: inherit; border: 1px solid #5c6573; border-radius: 4px; }
  button { margin-top: 1.5rem; width: 100%; padding: .6rem; font: inherit; font-weight: 600; color: #fff; background: #1f4fbf; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
  .error { color: #a4161a; font-weight: 600; }
`;

/** The login form of interaction `uid`; `error` (already worded for people) is announced to screen readers. */
export function loginPage({ uid, error = '', username = '' }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Tranche (local identity provider)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Sign in to Tranche</h1>
<p>Local identity provider for development and tests. <code>npm run up</code> prints the demo users and their passwords.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required value="${escape(username)}"${username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${username ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
`;
}

/** A page for what cannot go on (an expired or unknown interaction). */
export function messagePage(title, message) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(title)} · Tranche (local identity provider)</title><style>${STYLE}</style></head>
<body><main><h1>${escape(title)}</h1><p>${escape(message)}</p></main></body>
</html>
`;
}
