import {
  type CallerContext,
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

@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

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
  getPerson(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<PersonDto> {
    return this.directory.getPerson(caller, req.id);
  }
}
