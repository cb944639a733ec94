import { Alert, App, Card, Col, Empty, Row, Spin, Tag, Tree, type TreeDataNode, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { fetchOrg, setOrgActive } from "../api/orgs";
import { can } from "../api/session";
import type { Org } from "../api/types";
import { useCurrentMe } from "../components/RequireAuth";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";
import { OrgDetail } from "./orgs/OrgDetail";
import { OrgDialog, type OrgDialogMode } from "./orgs/OrgDialogs";
import { OrgSearch } from "./orgs/OrgSearch";
import { type OrgTree, useOrgTree } from "./orgs/useOrgTree";

function buildNodes(tree: OrgTree, ids: string[], inactiveLabel: string): TreeDataNode[] {
  return ids.flatMap((id) => {
    const org = tree.nodes.get(id);
    if (!org) return [];
    const kids = tree.children.get(id);
    return [
      {
        key: org.id,
        isLeaf: !org.hasChildren,
        title: (
          <span data-testid={`org-node-${org.code ?? org.id}`}>
            {org.name}
            {!org.active && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                {inactiveLabel}
              </Tag>
            )}
          </span>
        ),
        children: kids ? buildNodes(tree, kids, inactiveLabel) : undefined,
      },
    ];
  });
}

/** The org tree, loaded level by level, with search, details and management actions. */
export function OrgTreePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentMe();
  const tree = useOrgTree();
  const { loadRoots, loadChildren, refreshAround, forgetChildren, reveal } = tree;
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Org | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [dialog, setDialog] = useState<OrgDialogMode | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const start = async () => {
      const roots = await loadRoots();
      // a single scope root is opened right away so the user sees more than one line
      if (roots.length === 1 && roots[0].hasChildren) {
        await loadChildren(roots[0].id);
        setExpanded([roots[0].id]);
      }
    };
    start()
      .catch(setLoadError)
      .finally(() => setLoading(false));
  }, [loadRoots, loadChildren]);

  const collapse = (id: string) => {
    forgetChildren(id);
    setExpanded((keys) => keys.filter((k) => k !== id));
  };

  const current = selected ? (tree.nodes.get(selected.id) ?? selected) : null;

  const select = useCallback(
    async (org: Org) => {
      setSelected(org);
      try {
        const path = await reveal(org);
        setExpanded((keys) => [...new Set([...keys, ...path])]);
        setTimeout(() => {
          document
            .querySelector(`[data-testid="org-node-${org.code ?? org.id}"]`)
            ?.scrollIntoView({ block: "nearest" });
        }, 50);
      } catch (err) {
        message.error(errorMessage(err, lang, t));
      }
    },
    [reveal, message, lang, t],
  );

  const afterDialog = async (
    mode: OrgDialogMode,
    org: Org,
    extra: { created?: Org; newParentId?: string },
  ) => {
    setDialog(null);
    try {
      if (mode === "add" && extra.created) {
        message.success(t("orgs.created"));
        await loadChildren(org.id);
        setExpanded((keys) => [...new Set([...keys, org.id])]);
        setSelected(extra.created);
      } else if (mode === "rename") {
        message.success(t("orgs.renamed"));
        await refreshAround(org);
        setSelected(await fetchOrg(org.id));
      } else if (mode === "move" && extra.newParentId) {
        message.success(t("orgs.moved"));
        collapse(org.id);
        await refreshAround(org);
        if (tree.nodes.has(extra.newParentId)) await loadChildren(extra.newParentId);
        await select(await fetchOrg(org.id));
      }
    } catch (err) {
      message.error(errorMessage(err, lang, t));
    }
  };

  const onSetActive = async (active: boolean) => {
    if (!current) return;
    setBusy(true);
    try {
      await setOrgActive(current.id, active);
      message.success(t(active ? "orgs.activated" : "orgs.deactivated"));
      collapse(current.id);
      await refreshAround(current);
      setSelected(await fetchOrg(current.id));
    } catch (err) {
      message.error(errorMessage(err, lang, t));
    } finally {
      setBusy(false);
    }
  };

  const treeData = buildNodes(tree, tree.roots, t("common.inactive"));
  const loadedKeys = [...tree.children.keys()];

  return (
    <div>
      <Typography.Title level={3}>{t("orgs.title")}</Typography.Title>
      {loadError != null && (
        <Alert type="error" showIcon title={errorMessage(loadError, lang, t)} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card>
            <OrgSearch onPick={select} />
            <div style={{ marginTop: 16, maxHeight: "65vh", overflow: "auto" }} data-testid="org-tree">
              {loading ? (
                <Spin />
              ) : treeData.length === 0 ? (
                <Empty description={t("orgs.empty")} />
              ) : (
                <Tree
                  showLine
                  blockNode
                  treeData={treeData}
                  loadedKeys={loadedKeys}
                  expandedKeys={expanded}
                  selectedKeys={current ? [current.id] : []}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  loadData={async ({ key }) => {
                    await loadChildren(String(key));
                  }}
                  onSelect={(_, info) => setSelected(tree.nodes.get(String(info.node.key)) ?? null)}
                />
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <OrgDetail
            org={current}
            pathText={current ? tree.pathNames(current) : ""}
            canManage={can(me, "orgs.manage")}
            busy={busy}
            onDialog={setDialog}
            onSetActive={onSetActive}
          />
        </Col>
      </Row>
      {dialog && current && (
        <OrgDialog mode={dialog} org={current} onClose={() => setDialog(null)} onDone={afterDialog} />
      )}
    </div>
  );
}
