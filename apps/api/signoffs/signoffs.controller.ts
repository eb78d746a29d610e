import { Controller, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { id, period } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, ValidBody } from '../http/validation';
import { statementResponse } from '../reps/reps.responses';
import { withLineIds } from '../../../libs/persistence/statement-line-ids';
import { SIGNOFF_ROLES_ALLOWED } from './signoffs.policy';
import { signoffSchema } from './signoffs.schemas';
import { SignoffsService } from './signoffs.service';
import { Command } from '../http/command';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class SignoffsController {
  constructor(private readonly signoffs: SignoffsService) {}

  @Command(':id/statements/:period/signoffs')
  @HttpCode(200)
  @ApiDocumented({
    roles: SIGNOFF_ROLES_ALLOWED.sign,
    response: statementResponse,
    errors: [403, 404, 409],
    params: { id, period },
    description:
      'Signs the statement’s hash: the rep’s manager first (none when the rep has no manager), then finance, who makes it APPROVED. ' +
      '403 SEGREGATION_OF_DUTIES for the rep themself (or finance who signed as the manager); 409 STATEMENT_HASH_MISMATCH, ' +
      'SIGNOFF_OUT_OF_ORDER (finance before the manager), SIGNOFF_ALREADY_RECORDED (another person signed in that role), ' +
      'PERIOD_NOT_CLOSED. Signing again in the same role answers the statement unchanged.',
  })
  @DocumentBody(signoffSchema)
  async sign(@Param('id') repId: string, @Param('period') p: string, @ValidBody(signoffSchema) body: z.infer<typeof signoffSchema>, @CurrentActor() actor: Actor) {
    return withLineIds(await this.signoffs.sign(id.parse(repId), period.parse(p), body.hash, actor));
  }
}
