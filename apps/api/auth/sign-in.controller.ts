import { Controller, Get, HttpCode, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { TrancheConfig } from '../../../libs/platform/config';
import { PeriodsRepository } from '../../../libs/persistence/periods.repository';
import { BusinessClock } from '../clock/business-clock';
import { ApiDocumented } from '../http/openapi';
import { refuse } from '../http/problem';
import { DocumentBody } from '../http/validation';
import { CONFIG } from '../tokens';
import { AuthedRequest } from './actor';
import { parseCookies, SESSION_COOKIE, SIGN_IN_COOKIE, signInCookieOptions } from './cookies';
import { OidcService } from './oidc.service';
import { findPersona, PERSONAS } from './personas';
import { safeReturnTo } from './return-to';
import { Public } from './roles';
import { SessionsService } from './sessions.service';
import { authConfigSchema, devLoginSchema, loginQuery, meSchema } from './sign-in.schemas';
import { originOf, refuseForeignOrigin } from './sign-in.policy';
import { Command } from '../http/command';

/** Console sign-in (docs/api.md "Console and sign-in"): OpenID Connect run by the API, then an HttpOnly session cookie. */
@ApiTags('auth')
@Controller('auth')
export class SignInController {
  private readonly ownOrigin: string;

  constructor(
    private readonly oidc: OidcService,
    private readonly sessions: SessionsService,
    private readonly clock: BusinessClock,
    private readonly periods: PeriodsRepository,
    @Inject(CONFIG) private readonly config: TrancheConfig,
  ) {
    this.ownOrigin = originOf(config.signIn.publicUrl);
  }

  /** 302 to the identity provider; `returnTo` (a path under /console) is where the browser lands afterwards. */
  @Get('login')
  @ApiDocumented({ roles: 'public', response: null, status: 302, errors: [503], query: loginQuery, description: 'Starts an OpenID Connect sign-in (authorization code + PKCE): a redirect to the identity provider.' })
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response) {
    const { url, sealedState } = await this.oidc.begin(safeReturnTo(returnTo));
    res.setCookie(SIGN_IN_COOKIE, sealedState, signInCookieOptions(this.config.signIn));
    res.header('cache-control', 'no-store');
    res.redirect(url, 302);
  }

  /** The provider's redirect back: the code is exchanged, the ID token checked, a session opened, then 302 to returnTo. */
  @Get('callback')
  @Public()
  @ApiExcludeEndpoint()
  async callback(@Req() req: Request, @Res() res: Response) {
    const cookies = parseCookies(req.headers.cookie);
    const { identity, returnTo } = await this.oidc.finish(req.originalUrl, cookies[SIGN_IN_COOKIE]);
    res.clearCookie(SIGN_IN_COOKIE, { ...signInCookieOptions(this.config.signIn), maxAge: undefined });
    await this.sessions.open(res, identity, cookies[SESSION_COOKIE]);
    res.header('cache-control', 'no-store');
    res.redirect(returnTo, 302);
  }

  /** Ends the session (revoked in the database) and clears the cookie; 204 also without a session. */
  @Command('logout')
  @HttpCode(204)
  @ApiDocumented({ roles: 'public', response: null, status: 204, errors: [403], description: 'Ends the session (revoked) and clears its cookie; 204 also without a session.' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (token !== undefined) refuseForeignOrigin(req.method, req.headers.origin, this.ownOrigin);
    await this.sessions.close(res, token);
  }

  /** Who is signed in: by session cookie or by bearer token alike. */
  @Get('me')
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiDocumented({ roles: 'authenticated', response: meSchema, description: 'Who is signed in, by session cookie or bearer token.' })
  me(@Req() req: AuthedRequest) {
    const actor = req.actor!;
    return { sub: actor.id, roles: actor.roles, name: req.actorName ?? actor.id };
  }

  /**
   * What the console's sign-in page offers (the login URL, the personas only when the picker is enabled) and the
   * business clock its banner shows under BUSINESS_CLOCK=manual.
   */
  @Get('config')
  @ApiDocumented({
    roles: 'public',
    response: authConfigSchema,
    description: 'What the sign-in page offers (the login URL, the personas when the picker is enabled) and the business clock: its mode, the server date and the first open period.',
  })
  async signInConfig() {
    const businessClock = { mode: this.clock.manual ? 'manual' : 'wall', today: this.clock.today(), firstOpenPeriod: (await this.periods.firstOpenPeriod()) ?? null };
    return { loginUrl: '/auth/login', businessClock, personas: this.config.signIn.devLogin ? PERSONAS : null };
  }

  /** The persona picker: a session as a demo user without a password; 404 unless AUTH_DEV_SECRET is set outside production. */
  @Command('dev-login')
  @HttpCode(204)
  @DocumentBody(devLoginSchema)
  @ApiDocumented({ roles: 'public', response: null, status: 204, errors: [400, 403, 404], description: 'The persona picker: a session as a demo user; 404 unless AUTH_DEV_SECRET is set outside production.' })
  async devLogin(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!this.config.signIn.devLogin) throw refuse('NOT_FOUND', 'the persona picker is not enabled on this server');
    refuseForeignOrigin(req.method, req.headers.origin, this.ownOrigin);
    const { username } = devLoginSchema.parse(req.body ?? {});
    const persona = findPersona(username);
    if (!persona) throw refuse('VALIDATION_FAILED', `no persona ${username}`, [{ path: 'username', message: `must be one of ${PERSONAS.map((p) => p.username).join(', ')}` }]);
    await this.sessions.open(res, { sub: persona.username, name: persona.name, roles: persona.roles }, parseCookies(req.headers.cookie)[SESSION_COOKIE]);
  }
}
