import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import { PowerListLayout } from './PowerListLayout';

// The pages load on demand: the console's first screen does not wait for the whole area.
const PowerItemListPage = lazy(() => import('./items/PowerItemListPage'));
const PowerItemDetailPage = lazy(() => import('./items/PowerItemDetailPage'));
const DirectoryPage = lazy(() => import('./directory/DirectoryPage'));
const ResponsibilityListsPage = lazy(() => import('./lists/ResponsibilityListsPage'));
const ResponsibilityListDetailPage = lazy(() => import('./lists/ResponsibilityListDetailPage'));
const ExchangePage = lazy(() => import('./exchange/ExchangePage'));
const PublicationsPage = lazy(() => import('./publications/PublicationsPage'));
const PublishedViewPage = lazy(() => import('./publications/PublishedViewPage'));

/** /power-list and its sections (tmp/power-list-spec.md). */
export const powerListRoutes: RouteObject = {
  path: 'power-list',
  element: <PowerListLayout />,
  children: [
    { index: true, element: <PowerItemListPage /> },
    { path: 'items/:id', element: <PowerItemDetailPage /> },
    { path: 'directory', element: <DirectoryPage /> },
    { path: 'responsibility-lists', element: <ResponsibilityListsPage /> },
    { path: 'responsibility-lists/:id', element: <ResponsibilityListDetailPage /> },
    { path: 'exchange', element: <ExchangePage /> },
    { path: 'publications', element: <PublicationsPage /> },
    { path: 'published', element: <PublishedViewPage /> },
  ],
};
