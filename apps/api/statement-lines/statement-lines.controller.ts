import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { id, lineId, period } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { REP_ROLES } from '../reps/reps.policy';
import { statementLineExplanationResponse } from './statement-lines.responses';
import { StatementLinesService } from './statement-lines.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class StatementLinesController {
  constructor(private readonly lines: StatementLinesService) {}

  @Get(':id/statements/:period/lines/:lineId')
  @ApiDocumented({
    roles: REP_ROLES.readStatements,
    response: statementLineExplanationResponse,
    errors: [400, 404],
    params: { id, period, lineId },
    description: 'Why this line: its ledger posting, the approval and its evidence, the plan version, the formula with its numbers and the deal history entries behind it. Read like the statement; 404 for a line not on it.',
  })
  explain(@Param('id') repId: string, @Param('period') p: string, @Param('lineId') line: string, @CurrentActor() actor: Actor) {
    return this.lines.explain(id.parse(repId), period.parse(p), lineId.parse(line), actor);
  }
}
