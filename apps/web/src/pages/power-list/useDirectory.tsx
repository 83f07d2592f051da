import { useMemo } from 'react';
import { paths } from '../../api/paths';
import type { OrgUnit, Post } from '../../api/types';
import { useLoad } from '../../api/useLoad';
import { type DirectoryNames, directoryNames } from '../../power-list/actors';
import { useSession } from '../../session/SessionProvider';

export interface Directory {
  readonly units: readonly OrgUnit[];
  readonly posts: readonly Post[];
  /** Unit and post names by code, for actor refs. */
  readonly names: DirectoryNames;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

const NONE: readonly never[] = [];

/** The tenant's org units and posts: pickers and labels on every power-list page need them. */
export function useDirectory(): Directory {
  const { api } = useSession();
  const units = useLoad((signal) => api.get<OrgUnit[]>(paths.orgUnits, { signal }), [api]);
  const posts = useLoad((signal) => api.get<Post[]>(paths.posts, { signal }), [api]);
  const unitList = units.data ?? NONE;
  const postList = posts.data ?? NONE;
  const names = useMemo(() => directoryNames(unitList, postList), [unitList, postList]);
  const { reload: reloadUnits } = units;
  const { reload: reloadPosts } = posts;
  const reload = useMemo(
    () => () => {
      reloadUnits();
      reloadPosts();
    },
    [reloadUnits, reloadPosts],
  );
  return { units: unitList, posts: postList, names, error: units.error ?? posts.error, loading: units.loading || posts.loading, reload };
}
