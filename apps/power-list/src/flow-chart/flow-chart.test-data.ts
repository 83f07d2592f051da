import { ActorKind, MeetingBody, type ResolvedActorDto, type ResolvedFlowDto, type ResolvedFlowStepDto, type SharedBlock, StepKind } from '@qinglian/contracts';

/** Test data shaped like fixtures/power-items.json PI-001 (资产采购和出租审核), resolved as power-list answers it. */

const role = (ref: string, label: string): ResolvedActorDto => ({ kind: ActorKind.Role, ref, label, resolved: true });
const unit = (ref: string, label: string): ResolvedActorDto => ({ kind: ActorKind.Unit, ref, label, resolved: true });
const external = (label: string): ResolvedActorDto => ({ kind: ActorKind.External, ref: label, label, resolved: true });

export const HANDLER = role('handler', '经办人员');
export const PROPERTY_SECTION = unit('CQK', '产权科');
export const DEPARTMENT_HEAD = role('department-head', '科室负责人');
export const ORGAN_DISCIPLINE = unit('JGJW', '机关纪委');
export const LEADER_IN_CHARGE = role('leader-in-charge', '分管领导');
export const MAIN_LEADER = role('main-leader', '主要领导');
export const STATIONED_GROUP = role('external-discipline', '驻委纪检监察组');
export const CITY_INSPECTION = external('市纪委监委第一监督检查室');

export function step(order: number, fields: Partial<ResolvedFlowStepDto> = {}): ResolvedFlowStepDto {
  return {
    order,
    name: `步骤${order}`,
    kind: StepKind.Review,
    actor: PROPERTY_SECTION,
    meetingBodies: [],
    timeLimitDays: null,
    riskPoints: [],
    controlMeasures: [],
    internalSupervisors: [],
    externalSupervisors: [],
    ...fields,
  };
}

export const SB1_RISKS = [
  '复核、审核人员不按照相关政策规定严格审查资料，审查资料不仔细',
  '因私或领导意见，违规同意实施',
  '该上会不上会，个人意志代表集体决定',
  '利用审批权牟利私取',
  '超越审批权限办事',
];
export const SB1_MEASURES = ['按照所需条件、程序和流程,对受理事项进行初审', '审批要件、流程和相关规定公开、透明', '审核、审批人必须签署或发表明确的意见'];

/** SB-1 of PI-001 (risk points and measures shared by steps 1-4), over other steps if given. */
export function sb1(appliesToSteps = [1, 2, 3, 4], fields: Partial<SharedBlock> = {}): SharedBlock {
  return { id: 'SB-1', appliesToSteps, riskPoints: SB1_RISKS, controlMeasures: SB1_MEASURES, ...fields };
}

export function pi001Flow(): ResolvedFlowDto {
  return {
    steps: [
      step(1, { name: '申请', kind: StepKind.Submit, actor: HANDLER, internalSupervisors: [DEPARTMENT_HEAD, ORGAN_DISCIPLINE], externalSupervisors: [STATIONED_GROUP] }),
      step(2, { name: '产权科审核', actor: PROPERTY_SECTION, internalSupervisors: [LEADER_IN_CHARGE], externalSupervisors: [STATIONED_GROUP] }),
      step(3, { name: '分管领导审核', actor: LEADER_IN_CHARGE, internalSupervisors: [MAIN_LEADER], externalSupervisors: [CITY_INSPECTION, STATIONED_GROUP] }),
      step(4, {
        name: '会议审批',
        kind: StepKind.Meeting,
        actor: null,
        meetingBodies: [MeetingBody.PartyCommittee, MeetingBody.CommissionAffairs],
        internalSupervisors: [MAIN_LEADER],
        externalSupervisors: [CITY_INSPECTION, STATIONED_GROUP],
      }),
      step(5, {
        name: '下达意见',
        kind: StepKind.Issue,
        actor: PROPERTY_SECTION,
        riskPoints: ['擅自改变决策事项'],
        controlMeasures: ['将印发文件与会议决策记录比对'],
        internalSupervisors: [DEPARTMENT_HEAD, ORGAN_DISCIPLINE],
        externalSupervisors: [STATIONED_GROUP],
      }),
    ],
    sharedBlocks: [sb1()],
  };
}
