import { tenantTableSql } from '@qinglian/persistence';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

const S = 'approvals';

/** Tables whose rows are records of what people decided or said: never updated, never deleted. */
export const SEALED_TABLES = ['step_opinion', 'filing_entry', 'recusal', 'position', 'decision_record', 'issuance', 'execution_report', 'evaluation', 'alert'] as const;

/**
 * Matters (事项) running a power item's flow, the pre-meeting filing, meetings with attendance,
 * agenda, recusals and positions, sealed decision records with the tenant's SM2 keys, what happened
 * after the meeting, and alerts. Every table is tenant-owned (row-level security). Records of what
 * people said or decided are append-only twice over: the runtime role has no UPDATE/DELETE on them
 * (ServiceDefinition.appendOnlyTables) and a trigger refuses changes from anyone else but a
 * superuser who disables it — and verification then finds the change.
 */
export class MattersAndMeetings1764300000000 implements MigrationInterface {
  name = 'MattersAndMeetings1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const tables: string[] = [];
    const table = async (name: string, body: string) => {
      await q.query(`CREATE TABLE ${S}.${name} (${body})`);
      tables.push(name);
    };

    await table(
      'policy_version',
      `tenant_id uuid NOT NULL,
       version_no integer NOT NULL,
       content jsonb NOT NULL,
       created_by text NULL,
       created_by_name text NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT policy_version__pk PRIMARY KEY (tenant_id, version_no),
       CONSTRAINT policy_version__no__ck CHECK (version_no >= 1)`,
    );

    await table(
      'matter',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       no text NOT NULL,
       title text NOT NULL,
       description text NOT NULL,
       matter_type text NULL,
       amount numeric(15,2) NULL,
       counterparty text NULL,
       project text NULL,
       scope text NULL,
       conditions text NULL,
       requires_meeting boolean NOT NULL,
       required_bodies text[] NOT NULL DEFAULT '{}',
       policy_version_no integer NOT NULL,
       power_item_id uuid NOT NULL,
       power_item_code text NOT NULL,
       power_item_name text NOT NULL,
       power_item_version_no integer NOT NULL,
       handling_unit_code text NOT NULL,
       steps jsonb NOT NULL,
       status text NOT NULL,
       current_step integer NULL,
       proposer_subject text NOT NULL,
       proposer_name text NOT NULL,
       filed_at timestamptz NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT matter__pk PRIMARY KEY (id),
       CONSTRAINT matter__tenant_id__uq UNIQUE (tenant_id, id),
       CONSTRAINT matter__no__uq UNIQUE (tenant_id, no),
       CONSTRAINT matter__amount__ck CHECK (amount IS NULL OR amount >= 0),
       CONSTRAINT matter__status__ck CHECK (status IN ('in-progress', 'awaiting-meeting', 'executing', 'closed', 'rejected', 'withdrawn')),
       CONSTRAINT matter__type__ck CHECK (matter_type IS NULL OR matter_type IN ('majorDecision', 'personnel', 'majorProject', 'largeFunds')),
       CONSTRAINT matter__policy__fk FOREIGN KEY (tenant_id, policy_version_no) REFERENCES ${S}.policy_version (tenant_id, version_no)`,
    );
    await q.query(`CREATE INDEX matter__status__ix ON ${S}.matter (tenant_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX matter__party__ix ON ${S}.matter (tenant_id, matter_type, created_at)`);

    await table(
      'matter_counter',
      `tenant_id uuid NOT NULL,
       year integer NOT NULL,
       last_no integer NOT NULL,
       CONSTRAINT matter_counter__pk PRIMARY KEY (tenant_id, year)`,
    );

    // One row per pass through a step; the opinion lands in step_opinion (append-only).
    await table(
      'step_task',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       matter_id uuid NOT NULL,
       step_order integer NOT NULL,
       assignees jsonb NOT NULL,
       assignee_role text NULL,
       assignment_note text NULL,
       status text NOT NULL DEFAULT 'open',
       started_at timestamptz NOT NULL DEFAULT now(),
       due_at timestamptz NOT NULL,
       reminded_at timestamptz NULL,
       overdue_at timestamptz NULL,
       closed_at timestamptz NULL,
       CONSTRAINT step_task__pk PRIMARY KEY (id),
       CONSTRAINT step_task__tenant_id__uq UNIQUE (tenant_id, id),
       CONSTRAINT step_task__matter__fk FOREIGN KEY (tenant_id, matter_id) REFERENCES ${S}.matter (tenant_id, id),
       CONSTRAINT step_task__status__ck CHECK (status IN ('open', 'approved', 'rejected', 'returned', 'withdrawn', 'decided'))`,
    );
    await q.query(`CREATE UNIQUE INDEX step_task__one_open__uq ON ${S}.step_task (tenant_id, matter_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX step_task__due__ix ON ${S}.step_task (due_at) WHERE status = 'open'`);

    await table(
      'step_opinion',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       task_id uuid NOT NULL,
       matter_id uuid NOT NULL,
       action text NOT NULL,
       opinion text NOT NULL,
       returned_to integer NULL,
       actor_subject text NOT NULL,
       actor_name text NOT NULL,
       acted_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT step_opinion__pk PRIMARY KEY (id),
       CONSTRAINT step_opinion__task__uq UNIQUE (tenant_id, task_id),
       CONSTRAINT step_opinion__task__fk FOREIGN KEY (tenant_id, task_id) REFERENCES ${S}.step_task (tenant_id, id),
       CONSTRAINT step_opinion__action__ck CHECK (action IN ('approve', 'reject', 'return', 'withdraw')),
       CONSTRAINT step_opinion__opinion__ck CHECK (length(btrim(opinion)) >= 2)`,
    );

    await table(
      'attachment',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       matter_id uuid NOT NULL,
       purpose text NOT NULL,
       file_name text NOT NULL,
       media_type text NOT NULL,
       size integer NOT NULL,
       sm3 text NOT NULL,
       storage text NOT NULL,
       storage_key text NOT NULL,
       uploaded_by text NOT NULL,
       uploaded_by_name text NOT NULL,
       uploaded_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT attachment__pk PRIMARY KEY (id),
       CONSTRAINT attachment__tenant_id__uq UNIQUE (tenant_id, id),
       CONSTRAINT attachment__matter__fk FOREIGN KEY (tenant_id, matter_id) REFERENCES ${S}.matter (tenant_id, id)`,
    );
    await table(
      'attachment_blob',
      `tenant_id uuid NOT NULL,
       key text NOT NULL,
       content bytea NOT NULL,
       CONSTRAINT attachment_blob__pk PRIMARY KEY (tenant_id, key)`,
    );

    await table(
      'filing_entry',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       matter_id uuid NOT NULL,
       kind text NOT NULL,
       opinion text NOT NULL,
       attachment_ids uuid[] NOT NULL DEFAULT '{}',
       recorded_by text NOT NULL,
       recorded_by_name text NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT filing_entry__pk PRIMARY KEY (id),
       CONSTRAINT filing_entry__matter__fk FOREIGN KEY (tenant_id, matter_id) REFERENCES ${S}.matter (tenant_id, id),
       CONSTRAINT filing_entry__kind__ck CHECK (kind IN ('compliance-review', 'research', 'consultation', 'risk-assessment', 'secretary-signature'))`,
    );
    await q.query(`CREATE UNIQUE INDEX filing_entry__signature__uq ON ${S}.filing_entry (tenant_id, matter_id) WHERE kind = 'secretary-signature'`);

    await table(
      'meeting',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       body text NOT NULL,
       title text NOT NULL,
       held_on date NOT NULL,
       location text NULL,
       status text NOT NULL DEFAULT 'scheduled',
       policy_version_no integer NOT NULL,
       members jsonb NOT NULL,
       created_by text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       opened_at timestamptz NULL,
       closed_at timestamptz NULL,
       CONSTRAINT meeting__pk PRIMARY KEY (id),
       CONSTRAINT meeting__tenant_id__uq UNIQUE (tenant_id, id),
       CONSTRAINT meeting__status__ck CHECK (status IN ('scheduled', 'in-session', 'closed'))`,
    );

    await table(
      'agenda_item',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       meeting_id uuid NOT NULL,
       matter_id uuid NOT NULL,
       seq integer NOT NULL,
       terms jsonb NOT NULL,
       status text NOT NULL DEFAULT 'open',
       result text NULL,
       decision_id uuid NULL,
       position_count integer NOT NULL DEFAULT 0,
       created_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT agenda_item__pk PRIMARY KEY (id),
       CONSTRAINT agenda_item__tenant_id__uq UNIQUE (tenant_id, id),
       CONSTRAINT agenda_item__seq__uq UNIQUE (tenant_id, meeting_id, seq),
       CONSTRAINT agenda_item__meeting__fk FOREIGN KEY (tenant_id, meeting_id) REFERENCES ${S}.meeting (tenant_id, id),
       CONSTRAINT agenda_item__matter__fk FOREIGN KEY (tenant_id, matter_id) REFERENCES ${S}.matter (tenant_id, id),
       CONSTRAINT agenda_item__status__ck CHECK (status IN ('open', 'decided'))`,
    );
    // A matter sits on one open agenda item at a time.
    await q.query(`CREATE UNIQUE INDEX agenda_item__open_matter__uq ON ${S}.agenda_item (tenant_id, matter_id) WHERE status = 'open'`);

    await table(
      'recusal',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       agenda_item_id uuid NOT NULL,
       subject text NOT NULL,
       name text NOT NULL,
       kind text NOT NULL,
       reason text NOT NULL,
       recorded_by text NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT recusal__pk PRIMARY KEY (id),
       CONSTRAINT recusal__member__uq UNIQUE (tenant_id, agenda_item_id, subject),
       CONSTRAINT recusal__item__fk FOREIGN KEY (tenant_id, agenda_item_id) REFERENCES ${S}.agenda_item (tenant_id, id),
       CONSTRAINT recusal__kind__ck CHECK (kind IN ('declared', 'required'))`,
    );

    await table(
      'position',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       agenda_item_id uuid NOT NULL,
       subject text NOT NULL,
       name text NOT NULL,
       is_main_leader boolean NOT NULL,
       position text NOT NULL,
       reason text NULL,
       seq integer NOT NULL,
       stated_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT position__pk PRIMARY KEY (id),
       CONSTRAINT position__member__uq UNIQUE (tenant_id, agenda_item_id, subject),
       CONSTRAINT position__seq__uq UNIQUE (tenant_id, agenda_item_id, seq),
       CONSTRAINT position__item__fk FOREIGN KEY (tenant_id, agenda_item_id) REFERENCES ${S}.agenda_item (tenant_id, id),
       CONSTRAINT position__position__ck CHECK (position IN ('agree', 'disagree', 'defer', 'abstain')),
       CONSTRAINT position__reason__ck CHECK (position = 'agree' OR length(btrim(coalesce(reason, ''))) >= 2)`,
    );

    await table(
      'signing_key',
      `id text NOT NULL,
       tenant_id uuid NOT NULL,
       algorithm text NOT NULL DEFAULT 'SM2',
       public_key_pem text NOT NULL,
       private_key_sealed text NOT NULL,
       kek_id text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       retired_at timestamptz NULL,
       CONSTRAINT signing_key__pk PRIMARY KEY (tenant_id, id)`,
    );
    await q.query(`CREATE UNIQUE INDEX signing_key__active__uq ON ${S}.signing_key (tenant_id) WHERE retired_at IS NULL`);

    await table(
      'decision_record',
      `id uuid NOT NULL,
       tenant_id uuid NOT NULL,
       agenda_item_id uuid NOT NULL,
       meeting_id uuid NOT NULL,
       matter_id uuid NOT NULL,
       body text NOT NULL,
       result text NOT NULL,
       content jsonb NOT NULL,
       hash text NOT NULL,
       signature text NOT NULL,
       key_id text NOT NULL,
       audit_seq bigint NOT NULL,
       sealed_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT decision_record__pk PRIMARY KEY (id),
       CONSTRAINT decision_record__item__uq UNIQUE (tenant_id, agenda_item_id),
       CONSTRAINT decision_record__item__fk FOREIGN KEY (tenant_id, agenda_item_id) REFERENCES ${S}.agenda_item (tenant_id, id),
       CONSTRAINT decision_record__key__fk FOREIGN KEY (tenant_id, key_id) REFERENCES ${S}.signing_key (tenant_id, id),
       CONSTRAINT decision_record__result__ck CHECK (result IN ('passed', 'rejected', 'deferred'))`,
    );
    await q.query(`CREATE INDEX decision_record__matter__ix ON ${S}.decision_record (tenant_id, matter_id, sealed_at)`);

    await table(
      'issuance',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       matter_id uuid NOT NULL,
       decision_id uuid NULL,
       doc_no text NOT NULL,
       title text NOT NULL,
       issued_on date NOT NULL,
       terms jsonb NOT NULL,
       differences jsonb NOT NULL,
       note text NULL,
       recorded_by text NOT NULL,
       recorded_by_name text NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT issuance__pk PRIMARY KEY (id),
       CONSTRAINT issuance__matter__fk FOREIGN KEY (tenant_id, matter_id) REFERENCES ${S}.matter (tenant_id, id)`,
    );
    await table(
      'execution_report',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       matter_id uuid NOT NULL,
       reported_on date NOT NULL,
       progress_percent integer NOT NULL,
       amount_spent numeric(15,2) NULL,
       counterparty text NULL,
       note text NOT NULL,
       divergences jsonb NOT NULL,
       recorded_by text NOT NULL,
       recorded_by_name text NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT execution_report__pk PRIMARY KEY (id),
       CONSTRAINT execution_report__matter__fk FOREIGN KEY (tenant_id, matter_id) REFERENCES ${S}.matter (tenant_id, id),
       CONSTRAINT execution_report__progress__ck CHECK (progress_percent BETWEEN 0 AND 100),
       CONSTRAINT execution_report__amount__ck CHECK (amount_spent IS NULL OR amount_spent >= 0)`,
    );
    await table(
      'evaluation',
      `matter_id uuid NOT NULL,
       tenant_id uuid NOT NULL,
       evaluated_on date NOT NULL,
       rating text NOT NULL,
       summary text NOT NULL,
       indicators jsonb NOT NULL,
       recorded_by text NOT NULL,
       recorded_by_name text NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT evaluation__pk PRIMARY KEY (tenant_id, matter_id),
       CONSTRAINT evaluation__matter__fk FOREIGN KEY (tenant_id, matter_id) REFERENCES ${S}.matter (tenant_id, id),
       CONSTRAINT evaluation__rating__ck CHECK (rating IN ('good', 'fair', 'poor'))`,
    );
    await table(
      'alert',
      `id uuid NOT NULL DEFAULT gen_random_uuid(),
       tenant_id uuid NOT NULL,
       kind text NOT NULL,
       matter_id uuid NOT NULL,
       related_matter_ids uuid[] NOT NULL DEFAULT '{}',
       dedupe_key text NOT NULL,
       summary text NOT NULL,
       data jsonb NOT NULL,
       raised_at timestamptz NOT NULL DEFAULT now(),
       CONSTRAINT alert__pk PRIMARY KEY (id),
       CONSTRAINT alert__dedupe__uq UNIQUE (tenant_id, dedupe_key),
       CONSTRAINT alert__matter__fk FOREIGN KEY (tenant_id, matter_id) REFERENCES ${S}.matter (tenant_id, id),
       CONSTRAINT alert__kind__ck CHECK (kind IN ('should-have-met', 'splitting', 'decision-changed', 'execution-divergent', 'overdue'))`,
    );
    await q.query(`CREATE INDEX alert__matter__ix ON ${S}.alert (tenant_id, matter_id)`);
    await q.query(`CREATE INDEX alert__raised__ix ON ${S}.alert (tenant_id, raised_at DESC)`);

    for (const t of tables) for (const sql of tenantTableSql(S, t)) await q.query(sql);

    await q.query(`CREATE FUNCTION ${S}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const t of SEALED_TABLES) {
      await q.query(`CREATE TRIGGER ${t}__append_only BEFORE UPDATE OR DELETE ON ${S}.${t} FOR EACH ROW EXECUTE FUNCTION ${S}.refuse_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['alert', 'evaluation', 'execution_report', 'issuance', 'decision_record', 'signing_key', 'position', 'recusal', 'agenda_item', 'meeting', 'filing_entry', 'attachment_blob', 'attachment', 'step_opinion', 'step_task', 'matter_counter', 'matter', 'policy_version']) {
      await q.query(`DROP TABLE IF EXISTS ${S}.${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS ${S}.refuse_change()`);
  }
}
