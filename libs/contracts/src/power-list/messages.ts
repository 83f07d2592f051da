import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { Flow } from './flow.dto';
import { UpdatePowerItemDraftRequest, VersionRef } from './power-item.dto';
import { UpdateResponsibilityListDraftRequest } from './responsibility-list.dto';
import { ReviewRequest } from './versioning.dto';

/**
 * NATS payloads of the calls that name a version and carry a body: `{ ref: {id, versionNo}, body }`,
 * the HTTP path's ids in `ref` and the HTTP body unchanged in `body`.
 */
export class UpdatePowerItemDraftMessage {
  @ValidateNested()
  @Type(() => VersionRef)
  ref!: VersionRef;

  @ValidateNested()
  @Type(() => UpdatePowerItemDraftRequest)
  body!: UpdatePowerItemDraftRequest;
}

export class PutFlowMessage {
  @ValidateNested()
  @Type(() => VersionRef)
  ref!: VersionRef;

  @ValidateNested()
  @Type(() => Flow)
  body!: Flow;
}

export class ReviewMessage {
  @ValidateNested()
  @Type(() => VersionRef)
  ref!: VersionRef;

  @ValidateNested()
  @Type(() => ReviewRequest)
  body!: ReviewRequest;
}

export class UpdateResponsibilityListDraftMessage {
  @ValidateNested()
  @Type(() => VersionRef)
  ref!: VersionRef;

  @ValidateNested()
  @Type(() => UpdateResponsibilityListDraftRequest)
  body!: UpdateResponsibilityListDraftRequest;
}
