import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { ApprovalsLayout } from './ApprovalsLayout';

// The pages load on demand: the console's first screen does not wait for the area.
const TodosPage = lazy(() => import('./todos/TodosPage'));
const MattersPage = lazy(() => import('./matters/MattersPage'));
const MatterDetailPage = lazy(() => import('./matters/MatterDetailPage'));
const MeetingsPage = lazy(() => import('./meetings/MeetingsPage'));
const MeetingPage = lazy(() => import('./meetings/MeetingPage'));
const DecisionPage = lazy(() => import('./decisions/DecisionPage'));
const AlertsPage = lazy(() => import('./alerts/AlertsPage'));
const PolicyPage = lazy(() => import('./policy/PolicyPage'));

/** /approvals and its sections (tmp/approvals-api.md). */
export const approvalsRoutes: RouteObject = {
  path: 'approvals',
  element: <ApprovalsLayout />,
  children: [
    { index: true, element: <Navigate to="todos" replace /> },
    { path: 'todos', element: <TodosPage /> },
    { path: 'matters', element: <MattersPage /> },
    { path: 'matters/:id', element: <MatterDetailPage /> },
    { path: 'meetings', element: <MeetingsPage /> },
    { path: 'meetings/:id', element: <MeetingPage /> },
    { path: 'decisions/:id', element: <DecisionPage /> },
    { path: 'alerts', element: <AlertsPage /> },
    { path: 'policy', element: <PolicyPage /> },
  ],
};
