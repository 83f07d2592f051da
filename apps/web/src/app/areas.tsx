import { AlertOutlined, AuditOutlined, CheckSquareOutlined, OrderedListOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { AreaKey } from '../i18n/messages';

export interface Area {
  readonly key: AreaKey;
  readonly path: string;
  readonly icon: ReactNode;
}

/** The five areas of the console, in the order of a matter's life. */
export const AREAS: readonly Area[] = [
  { key: 'powerList', path: '/power-list', icon: <OrderedListOutlined /> },
  { key: 'approvals', path: '/approvals', icon: <AuditOutlined /> },
  { key: 'risks', path: '/risks', icon: <AlertOutlined /> },
  { key: 'assessment', path: '/assessment', icon: <CheckSquareOutlined /> },
  { key: 'accountability', path: '/accountability', icon: <SafetyCertificateOutlined /> },
];
