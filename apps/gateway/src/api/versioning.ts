import { DiffRequest, NewDraftRequest } from '@qinglian/contracts';
import { OmitType } from '@nestjs/swagger';

/** Body of "new draft": the version to start from, the published one when omitted (the id is in the path). */
export class NewDraftBody extends OmitType(NewDraftRequest, ['id'] as const) {}

/** `?from=&to=` of a version comparison (the id is in the path). */
export class DiffQuery extends OmitType(DiffRequest, ['id'] as const) {}
