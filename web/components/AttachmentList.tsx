import { PaperClipOutlined } from "@ant-design/icons";
import { Image, Space, Typography } from "antd";
import { attachmentUrl, formatSize, isImage } from "../api/attachments";
import type { Attachment } from "../api/problems";

/** Evidence files: images as thumbnails that open a preview, other files as download links. */
export function AttachmentList({ files, testId }: { files: Attachment[]; testId?: string }) {
  if (files.length === 0) return null;
  const images = files.filter((f) => isImage(f.mime));
  const others = files.filter((f) => !isImage(f.mime));
  return (
    <div data-testid={testId}>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space size={8} wrap style={{ marginBottom: others.length ? 8 : 0 }}>
            {images.map((f) => (
              <Image
                key={f.id}
                src={attachmentUrl(f.id)}
                alt={f.originalName}
                width={72}
                height={72}
                style={{ objectFit: "cover", borderRadius: 4 }}
                data-testid="attachment-image"
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {others.map((f) => (
        <div key={f.id}>
          <a href={attachmentUrl(f.id)} target="_blank" rel="noreferrer" data-testid="attachment-link">
            <PaperClipOutlined /> {f.originalName}
          </a>{" "}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatSize(f.size)}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}
