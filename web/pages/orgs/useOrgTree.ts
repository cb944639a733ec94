import { useCallback, useRef, useState } from "react";
import { fetchOrgChildren, fetchOrgRoots, pathSegment, pathSegments } from "../../api/orgs";
import type { Org } from "../../api/types";

interface TreeState {
  nodes: Map<string, Org>;
  children: Map<string, string[]>;
  roots: string[];
}

function remember(s: TreeState, orgs: Org[]): string[] {
  for (const o of orgs) s.nodes.set(o.id, o);
  return orgs.map((o) => o.id);
}

/** The lazily loaded part of the org tree, with helpers to refresh and reveal nodes. */
export function useOrgTree() {
  const state = useRef<TreeState>({ nodes: new Map(), children: new Map(), roots: [] });
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const loadRoots = useCallback(async () => {
    const roots = await fetchOrgRoots();
    state.current.roots = remember(state.current, roots);
    bump();
    return roots;
  }, [bump]);

  const loadChildren = useCallback(
    async (parentId: string) => {
      const kids = await fetchOrgChildren(parentId);
      const s = state.current;
      s.children.set(parentId, remember(s, kids));
      const parent = s.nodes.get(parentId);
      if (parent && parent.hasChildren !== kids.length > 0) {
        s.nodes.set(parentId, { ...parent, hasChildren: kids.length > 0 });
      }
      bump();
      return kids;
    },
    [bump],
  );

  /** Reloads the list an org sits in (its parent's children, or the roots). */
  const refreshAround = useCallback(
    async (org: Org) => {
      const s = state.current;
      if (s.roots.includes(org.id) || !org.parentId || !s.nodes.has(org.parentId)) await loadRoots();
      else await loadChildren(org.parentId);
    },
    [loadRoots, loadChildren],
  );

  /** Forgets the loaded descendants of a node so they are fetched again on expand. */
  const forgetChildren = useCallback(
    (id: string) => {
      state.current.children.delete(id);
      bump();
    },
    [bump],
  );

  const patch = useCallback(
    (org: Org) => {
      state.current.nodes.set(org.id, org);
      bump();
    },
    [bump],
  );

  /** Loads the ancestors of an org inside the visible tree; returns the keys to expand. */
  const reveal = useCallback(
    async (org: Org): Promise<string[]> => {
      const s = state.current;
      const segments = pathSegments(org.path);
      const start = segments.findIndex((seg) =>
        s.roots.some((id) => {
          const root = s.nodes.get(id);
          return root !== undefined && pathSegment(root) === seg;
        }),
      );
      if (start < 0) return [];
      let current = s.roots.map((id) => s.nodes.get(id)!).find((r) => pathSegment(r) === segments[start]);
      const expand: string[] = [];
      for (let i = start + 1; i < segments.length && current && current.id !== org.id; i++) {
        expand.push(current.id);
        const ids = s.children.get(current.id) ?? (await loadChildren(current.id)).map((o) => o.id);
        current = ids
          .map((id) => state.current.nodes.get(id)!)
          .find((o) => o && pathSegment(o) === segments[i]);
      }
      return expand;
    },
    [loadChildren],
  );

  /** A readable path: each segment replaced by the name of the org it stands for, when loaded. */
  const pathNames = useCallback((org: Org): string => {
    const bySegment = new Map<string, string>();
    for (const o of state.current.nodes.values()) bySegment.set(pathSegment(o), o.name);
    return pathSegments(org.path)
      .map((seg) => bySegment.get(seg) ?? seg)
      .join(" / ");
  }, []);

  return {
    version,
    nodes: state.current.nodes,
    children: state.current.children,
    roots: state.current.roots,
    loadRoots,
    loadChildren,
    refreshAround,
    forgetChildren,
    patch,
    reveal,
    pathNames,
  };
}

export type OrgTree = ReturnType<typeof useOrgTree>;
