import {
  AssigneesOnRequest,
  type AssigneesOnDto,
  type CallerContext,
  CreateChargeRequest,
  CreateLeadershipMemberRequest,
  CreatePostHoldingRequest,
  EndRequest,
  type InChargeOfDto,
  InChargeOfRequest,
  type LeadershipMemberDto,
  OnDateRequest,
  PersonBySubjectRequest,
  type PersonDetailDto,
  type PostHoldingDto,
  PostsOnRequest,
  UpdateOrgUnitRequest,
  CreateOrgUnitRequest,
  CreatePersonRequest,
  CreatePostRequest,
  GetByIdRequest,
  type OrgUnitDto,
  type PersonDto,
  PowerListSubjects,
  type PostDto,
} from '@qinglian/contracts';
import { Caller } from '@qinglian/runtime';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DirectoryService } from './directory.service';
import { PeopleService } from './people.service';

@Controller()
export class DirectoryController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly people: PeopleService,
  ) {}

  @MessagePattern(PowerListSubjects.orgUnitUpdate)
  updateOrgUnit(@Caller() caller: CallerContext, @Payload() req: UpdateOrgUnitRequest): Promise<OrgUnitDto> {
    return this.directory.updateOrgUnit(caller, req);
  }

  @MessagePattern(PowerListSubjects.personBySubject)
  personBySubject(@Caller() caller: CallerContext, @Payload() req: PersonBySubjectRequest): Promise<PersonDetailDto> {
    return this.people.bySubject(caller, req.subject);
  }

  @MessagePattern(PowerListSubjects.personPostsOn)
  postsOn(@Caller() caller: CallerContext, @Payload() req: PostsOnRequest): Promise<PostHoldingDto[]> {
    return this.people.postsOn(caller, req.personId, req.on);
  }

  @MessagePattern(PowerListSubjects.postHoldingCreate)
  createHolding(@Caller() caller: CallerContext, @Payload() req: CreatePostHoldingRequest): Promise<PostHoldingDto> {
    return this.people.createHolding(caller, req);
  }

  @MessagePattern(PowerListSubjects.postHoldingEnd)
  endHolding(@Caller() caller: CallerContext, @Payload() req: EndRequest): Promise<PostHoldingDto> {
    return this.people.endHolding(caller, req);
  }

  @MessagePattern(PowerListSubjects.leadershipMembersOn)
  membersOn(@Caller() caller: CallerContext, @Payload() req: OnDateRequest): Promise<LeadershipMemberDto[]> {
    return this.people.membersOn(caller, req.on);
  }

  @MessagePattern(PowerListSubjects.directoryAssigneesOn)
  assigneesOn(@Caller() caller: CallerContext, @Payload() req: AssigneesOnRequest): Promise<AssigneesOnDto> {
    return this.people.assigneesOn(caller, req);
  }

  @MessagePattern(PowerListSubjects.leadershipInChargeOf)
  inChargeOf(@Caller() caller: CallerContext, @Payload() req: InChargeOfRequest): Promise<InChargeOfDto> {
    return this.people.inChargeOf(caller, req.orgUnitId, req.on);
  }

  @MessagePattern(PowerListSubjects.leadershipMemberCreate)
  createMember(@Caller() caller: CallerContext, @Payload() req: CreateLeadershipMemberRequest): Promise<LeadershipMemberDto> {
    return this.people.createMember(caller, req);
  }

  @MessagePattern(PowerListSubjects.leadershipMemberEnd)
  endMember(@Caller() caller: CallerContext, @Payload() req: EndRequest): Promise<LeadershipMemberDto> {
    return this.people.endMember(caller, req);
  }

  @MessagePattern(PowerListSubjects.leadershipChargeCreate)
  createCharge(@Caller() caller: CallerContext, @Payload() req: CreateChargeRequest): Promise<LeadershipMemberDto> {
    return this.people.createCharge(caller, req);
  }

  @MessagePattern(PowerListSubjects.leadershipChargeEnd)
  endCharge(@Caller() caller: CallerContext, @Payload() req: EndRequest): Promise<LeadershipMemberDto> {
    return this.people.endCharge(caller, req);
  }

  @MessagePattern(PowerListSubjects.orgUnitCreate)
  createOrgUnit(@Caller() caller: CallerContext, @Payload() req: CreateOrgUnitRequest): Promise<OrgUnitDto> {
    return this.directory.createOrgUnit(caller, req);
  }

  @MessagePattern(PowerListSubjects.orgUnitList)
  listOrgUnits(@Caller() caller: CallerContext): Promise<OrgUnitDto[]> {
    return this.directory.listOrgUnits(caller);
  }

  @MessagePattern(PowerListSubjects.orgUnitGet)
  getOrgUnit(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<OrgUnitDto> {
    return this.directory.getOrgUnit(caller, req.id);
  }

  @MessagePattern(PowerListSubjects.postCreate)
  createPost(@Caller() caller: CallerContext, @Payload() req: CreatePostRequest): Promise<PostDto> {
    return this.directory.createPost(caller, req);
  }

  @MessagePattern(PowerListSubjects.postList)
  listPosts(@Caller() caller: CallerContext): Promise<PostDto[]> {
    return this.directory.listPosts(caller);
  }

  @MessagePattern(PowerListSubjects.postGet)
  getPost(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<PostDto> {
    return this.directory.getPost(caller, req.id);
  }

  @MessagePattern(PowerListSubjects.personCreate)
  createPerson(@Caller() caller: CallerContext, @Payload() req: CreatePersonRequest): Promise<PersonDto> {
    return this.directory.createPerson(caller, req);
  }

  @MessagePattern(PowerListSubjects.personList)
  listPeople(@Caller() caller: CallerContext): Promise<PersonDto[]> {
    return this.directory.listPeople(caller);
  }

  @MessagePattern(PowerListSubjects.personGet)
  getPerson(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<PersonDetailDto> {
    return this.people.getPerson(caller, req.id);
  }
}
