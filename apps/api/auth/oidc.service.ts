import { Inject, Injectable } from '@nestjs/common';
import { BaseClient, errors, generators, Issuer } from 'openid-client';
import { SessionIdentity } from '../../../libs/persistence/sessions.repository';
import { OidcConfig } from '../../../libs/platform/auth-config';
import { TrancheConfig } from '../../../libs/platform/config';
import { refuse } from '../http/problem';
import { CONFIG } from '../tokens';
import { rolesFromClaims } from './roles-claim';
import { openSignInState, sealSignInState, signInStateKey } from './sign-in-state';

/**
 * OpenID Connect with the configured provider (openid-client 5): authorization code + PKCE S256, state and nonce.
 * What the callback needs is kept in the browser, sealed (sign-in-state.ts), so any API replica can finish it.
 */
@Injectable()
export class OidcService {
  private client?: Promise<BaseClient>;
  private readonly stateKey: Buffer;

  constructor(@Inject(CONFIG) private readonly config: TrancheConfig) {
    this.stateKey = signInStateKey(config.jwtSecret);
  }

  /** The provider's authorization URL for a new sign-in, and the sealed state to keep in the browser until the callback. */
  async begin(returnTo: string): Promise<{ url: string; sealedState: string }> {
    const oidc = this.settings();
    const client = await this.discovered(oidc);
    const codeVerifier = generators.codeVerifier();
    const state = generators.state();
    const nonce = generators.nonce();
    const url = client.authorizationUrl({
      scope: oidc.scope,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(oidc.prompt ? { prompt: oidc.prompt } : {}),
    });
    return { url, sealedState: sealSignInState(this.stateKey, { state, nonce, codeVerifier, returnTo }) };
  }

  /**
   * Ends a sign-in: the callback's state must be this browser's, the code is exchanged with the PKCE verifier, and
   * the ID token is validated (signature, issuer, audience, expiry, nonce). 400 SIGN_IN_FAILED for anything wrong.
   */
  async finish(callbackUrl: string, sealedState: string | undefined): Promise<{ identity: SessionIdentity; returnTo: string }> {
    const oidc = this.settings();
    const client = await this.discovered(oidc);
    const pending = openSignInState(this.stateKey, sealedState);
    if (!pending) throw refuse('SIGN_IN_FAILED', 'this sign-in has expired or was not started in this browser: sign in again');
    const params = client.callbackParams(callbackUrl);
    if (params.error) throw refuse('SIGN_IN_FAILED', `the identity provider refused the sign-in: ${params.error_description ?? params.error}`);
    if (params.state !== pending.state) throw refuse('SIGN_IN_FAILED', 'the state does not match the sign-in this browser started: sign in again');
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.callback(oidc.redirectUri, params, { state: pending.state, nonce: pending.nonce, code_verifier: pending.codeVerifier, response_type: 'code' });
      claims = tokens.claims();
    } catch (err) {
      if (err instanceof errors.OPError || err instanceof errors.RPError) throw refuse('SIGN_IN_FAILED', `the sign-in could not be completed: ${err.message}`);
      throw refuse('SERVICE_UNAVAILABLE', `the identity provider could not be reached: ${(err as Error).message}`);
    }
    const sub = String(claims.sub);
    const roles = rolesFromClaims(claims, oidc.rolesClaim);
    if (roles.length === 0) throw refuse('FORBIDDEN', `${sub} has no Tranche role in the identity provider's "${oidc.rolesClaim}" claim`);
    const name = [claims.name, claims.preferred_username, sub].find((v): v is string => typeof v === 'string' && v.length > 0)!;
    return { identity: { sub, name, roles }, returnTo: pending.returnTo };
  }

  private settings(): OidcConfig {
    const oidc = this.config.signIn.oidc;
    if (!oidc) throw refuse('SIGN_IN_NOT_CONFIGURED', 'sign-in is not configured on this server: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
    return oidc;
  }

  /** The provider's metadata, discovered once; a failed discovery is retried by the next sign-in. */
  private async discovered(oidc: OidcConfig): Promise<BaseClient> {
    this.client ??= Issuer.discover(oidc.issuer).then(
      (issuer) => new issuer.Client({ client_id: oidc.clientId, client_secret: oidc.clientSecret, redirect_uris: [oidc.redirectUri], response_types: ['code'] }),
    );
    try {
      return await this.client;
    } catch (err) {
      this.client = undefined;
      throw refuse('SERVICE_UNAVAILABLE', `the identity provider at ${oidc.issuer} could not be reached: ${(err as Error).message}`);
    }
  }
}
