#!/usr/bin/env node
/**
 * A real OpenID provider on loopback for `npm run up` and the tests (oidc-provider): one confidential client,
 * authorization code with PKCE required, a `roles` claim in the ID token, and its own login page that checks the
 * username and password against demo-users.json (oidc-provider's devInteractions accept any password: not used).
 *
 * Environment: OIDC_PORT (default 9400; 0 picks a free one), OIDC_CLIENT_ID (default tranche-console),
 * OIDC_CLIENT_SECRET (default the dev secret below), OIDC_REDIRECT_URIS (comma-separated, default
 * http://127.0.0.1:3000/auth/callback), OIDC_USERS_FILE (default ./demo-users.json).
 * Prints `tranche-oidc ready <issuer>` on stdout once it answers.
 */
import { createHash, generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import { loginPage, messagePage } from './login-page.mjs';

export const DEV_CLIENT_SECRET = 'tranche-console-dev-secret';
const HOST = '127.0.0.1';
const MAX_FORM_BYTES = 4096;

const env = process.env;
const clientId = env.OIDC_CLIENT_ID || 'tranche-console';
const clientSecret = env.OIDC_CLIENT_SECRET || DEV_CLIENT_SECRET;
const redirectUris = (env.OIDC_REDIRECT_URIS || 'http://127.0.0.1:3000/auth/callback').split(',').map((u) => u.trim()).filter(Boolean);
const usersFile = env.OIDC_USERS_FILE || new URL('./demo-users.json', import.meta.url);
const users = new Map(JSON.parse(readFileSync(usersFile, 'utf8')).users.map((u) => [u.username, u]));

const digest = (text) => createHash('sha256').update(String(text), 'utf8').digest();
/** Compares digests, so neither the length nor the first differing byte leaks through timing. */
const passwordMatches = (user, password) => timingSafeEqual(digest(user.password), digest(password));

let provider;
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path.startsWith('/interaction/')) {
    interaction(req, res, path).catch((err) => send(res, 500, messagePage('Sign-in failed', `The identity provider failed: ${err.message}`)));
  } else {
    provider.callback()(req, res);
  }
});

server.listen(Number(env.OIDC_PORT ?? 9400), HOST, () => {
  const issuer = `http://${HOST}:${server.address().port}`;
  provider = createProvider(issuer);
  console.log(`tranche-oidc ready ${issuer}`);
});

function createProvider(issuer) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `dev-${Date.now()}`, use: 'sig', alg: 'RS256' };
  const p = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'roles'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], roles: ['roles'] },
    // The scopes' claims go into the ID token itself (the API reads the roles from it, not from userinfo).
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => {
      const user = users.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: user.name, preferred_username: id, roles: user.roles }) };
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  });
  return p;
}

/** GET /interaction/:uid shows the form (or grants consent: the console is first-party); POST .../login checks it. */
async function interaction(req, res, path) {
  const [, , uid, action] = path.split('/');
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    return send(res, 400, messagePage('Sign-in expired', 'This sign-in attempt is unknown or has expired. Go back to Tranche and sign in again.'));
  }
  if (details.uid !== uid) return send(res, 400, messagePage('Sign-in expired', 'This sign-in attempt is not the current one. Go back to Tranche and sign in again.'));
  if (details.prompt.name === 'consent') return grantConsent(req, res, details);
  if (req.method === 'GET' && action === undefined) return send(res, 200, loginPage({ uid }));
  if (req.method !== 'POST' || action !== 'login') return send(res, 405, messagePage('Not allowed', 'Use the sign-in form.'));
  const form = new URLSearchParams(await readBody(req));
  const username = form.get('username') ?? '';
  const user = users.get(username);
  if (!user || !passwordMatches(user, form.get('password') ?? '')) {
    return send(res, 401, loginPage({ uid, username, error: 'Wrong username or password.' }));
  }
  await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
}

async function grantConsent(req, res, details) {
  const { prompt, params, session, grantId } = details;
  const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) reject(new Error('the form is too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
