import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { DocumentPaths } from '../../../api/paths';
import type { ReviewBody, VersionMeta } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import type { PermissionName } from '../../../session/permissions';
import { useSession } from '../../../session/SessionProvider';
import { ReviewModal } from './ReviewModal';

interface Props {
  readonly paths: DocumentPaths;
  readonly id: string;
  /** The document's name, for the review dialog. */
  readonly title: string;
  /** The version shown. */
  readonly version: VersionMeta;
  readonly latestVersionNo: number;
  /** power-item:write or responsibility-list:write: editing, submitting, new revisions. */
  readonly writePermission: PermissionName;
  /** Opens the draft's editor; the 编辑 button shows only for a draft the caller may write. */
  readonly onEdit?: () => void;
  /** After a change: show this version (the latest) again, freshly loaded. */
  readonly onChanged: (versionNo: number) => void;
}

interface Failure {
  readonly title: string;
  readonly error: unknown;
}

/**
 * The lifecycle of a version, by status and permission: 编辑 and 提交审核 (draft), 审核 (in review,
 * for a reviewer whose role is still pending), 发布 (in review with every approval), 新建修订稿
 * (the published version, when it is the latest).
 */
export function LifecycleActions({ paths, id, title, version, latestVersionNo, writePermission, onEdit, onChanged }: Props) {
  const { m } = useLanguage();
  const { api, me, can } = useSession();
  const { modal, message } = App.useApp();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const no = version.versionNo;

  /** Runs one action after the reader confirms it; a refusal stays on the page with its reasons. */
  const act = (opts: { confirm: string; label: string; failed: string; run: () => Promise<number>; done: (no: number) => string }) => {
    modal.confirm({
      title: opts.label,
      content: opts.confirm,
      okText: opts.label,
      cancelText: m.common.cancel,
      onOk: async () => {
        setFailure(null);
        try {
          const shown = await opts.run();
          void message.success(opts.done(shown));
          onChanged(shown);
        } catch (error) {
          setFailure({ title: opts.failed, error });
        }
      },
    });
  };

  const isDraft = version.status === 'draft';
  const inReview = version.status === 'in-review';
  const mayWrite = can(writePermission);
  // The author never reviews their own version (the service refuses it too).
  const mayReview = inReview && can('review:write') && version.authorId !== me.user.id && version.pendingReviewRoles.some((r) => me.roles.includes(r));
  const mayPublish = inReview && version.pendingReviewRoles.length === 0 && can('publish:write');
  const mayRevise = version.status === 'published' && no === latestVersionNo && mayWrite;
  const anyAction = (isDraft && mayWrite) || mayReview || mayPublish || mayRevise;

  const submitReview = async (review: ReviewBody) => {
    setFailure(null);
    await api.post(paths.reviews(id, no), review);
    void message.success(m.lifecycle.reviewed);
    onChanged(no);
  };

  return (
    <div className="ql-doc-actions">
      {anyAction && (
      <Space wrap role="group" aria-label={m.lifecycle.actions}>
        {isDraft && mayWrite && onEdit && (
          <Button id="edit-draft" onClick={onEdit}>
            {m.lifecycle.edit}
          </Button>
        )}
        {isDraft && mayWrite && (
          <Button
            id="submit-for-review"
            type="primary"
            onClick={() =>
              act({
                label: m.lifecycle.submit,
                confirm: m.lifecycle.submitConfirm,
                failed: m.lifecycle.submitFailed,
                run: async () => (await api.post<{ version: VersionMeta }>(paths.submit(id, no))).version.versionNo,
                done: () => m.lifecycle.submitted,
              })
            }
          >
            {m.lifecycle.submit}
          </Button>
        )}
        {mayReview && (
          <Button id="review" type="primary" onClick={() => setReviewing(true)}>
            {m.lifecycle.review}
          </Button>
        )}
        {mayPublish && (
          <Button
            id="publish"
            type="primary"
            onClick={() =>
              act({
                label: m.lifecycle.publish,
                confirm: m.lifecycle.publishConfirm,
                failed: m.lifecycle.failed,
                run: async () => (await api.post<{ version: VersionMeta }>(paths.publish(id, no))).version.versionNo,
                done: () => m.lifecycle.published,
              })
            }
          >
            {m.lifecycle.publish}
          </Button>
        )}
        {mayRevise && (
          <Button
            id="new-draft"
            onClick={() =>
              act({
                label: m.lifecycle.newDraft,
                confirm: m.lifecycle.newDraftConfirm,
                failed: m.lifecycle.failed,
                run: async () => (await api.post<{ version: VersionMeta }>(paths.versions(id), {})).version.versionNo,
                done: (created) => format(m.lifecycle.newDraftCreated, { no: created }),
              })
            }
          >
            {m.lifecycle.newDraft}
          </Button>
        )}
      </Space>
      )}
      {failure && <ProblemAlert id="lifecycle-error" error={failure.error} title={failure.title} />}
      <ReviewModal open={reviewing} title={title} versionNo={no} onClose={() => setReviewing(false)} onSubmit={submitReview} />
    </div>
  );
}
