import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Upload, type UploadFile } from "antd";
import { useRef, useState } from "react";
import {
  attachmentUrl,
  isImage,
  MAX_UPLOAD_BYTES,
  UPLOAD_ACCEPT,
  type UploadedFile,
  uploadAttachment,
} from "../api/attachments";
import { errorMessage } from "../i18n/format";
import { useI18n } from "../i18n/I18nProvider";

/** One picked file; `done` settles when the server has stored it. */
export interface Evidence {
  uid: string;
  done: Promise<UploadedFile>;
}

/** Waits for every upload still running and returns the stored files' ids. */
export async function evidenceIds(items: Evidence[] | undefined): Promise<string[]> {
  const files = await Promise.all((items ?? []).map((i) => i.done));
  return files.map((f) => f.id);
}

interface Props {
  value?: Evidence[];
  onChange?: (value: Evidence[]) => void;
  max?: number;
}

/** Uploads files as soon as they are picked; the form gets their ids when it is sent. */
export function EvidenceUpload({ value, onChange, max = 20 }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [list, setList] = useState<UploadFile[]>([]);
  const items = useRef<Evidence[]>(value ?? []);
  items.current = value ?? [];

  const patch = (uid: string, next: Partial<UploadFile>) =>
    setList((prev) => prev.map((f) => (f.uid === uid ? { ...f, ...next } : f)));

  const beforeUpload = (file: File & { uid: string }) => {
    if (file.size > MAX_UPLOAD_BYTES) {
      message.error(t("evidence.tooLarge", { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    if (items.current.length >= max) {
      message.error(t("evidence.tooMany", { max }));
      return Upload.LIST_IGNORE;
    }
    const done = uploadAttachment(file);
    setList((prev) => [...prev, { uid: file.uid, name: file.name, type: file.type, status: "uploading" }]);
    done.then(
      (up) =>
        patch(file.uid, {
          status: "done",
          url: attachmentUrl(up.id),
          thumbUrl: isImage(up.mime) ? attachmentUrl(up.id) : undefined,
        }),
      (err) => {
        const text = errorMessage(err, lang, t);
        patch(file.uid, { status: "error", response: text, error: new Error(text) });
      },
    );
    items.current = [...items.current, { uid: file.uid, done }];
    onChange?.(items.current);
    return false;
  };

  const onRemove = (file: UploadFile) => {
    setList((prev) => prev.filter((f) => f.uid !== file.uid));
    items.current = items.current.filter((i) => i.uid !== file.uid);
    onChange?.(items.current);
    return true;
  };

  return (
    <Upload
      multiple
      accept={UPLOAD_ACCEPT}
      listType="picture"
      fileList={list}
      beforeUpload={beforeUpload}
      onRemove={onRemove}
      data-testid="evidence-upload"
    >
      <Button icon={<UploadOutlined />}>{t("evidence.pick")}</Button>
    </Upload>
  );
}
