import { SearchOutlined } from "@ant-design/icons";
import { Button, Input, Space } from "antd";
import { type CSSProperties, useState } from "react";

interface Props {
  placeholder: string;
  onSearch: (text: string) => void;
  loading?: boolean;
  style?: CSSProperties;
  /** Put on the text box itself; the button gets `<testId>-button`. */
  testId: string;
}

/** A text box with a search button; Enter or the button runs the search, clearing runs an empty one. */
export function SearchInput({ placeholder, onSearch, loading, style, testId }: Props) {
  const [text, setText] = useState("");
  return (
    <Space.Compact style={style}>
      <Input
        allowClear
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value) onSearch("");
        }}
        onPressEnter={() => onSearch(text)}
        data-testid={testId}
      />
      <Button
        type="primary"
        icon={<SearchOutlined />}
        loading={loading}
        onClick={() => onSearch(text)}
        aria-label={placeholder}
        data-testid={`${testId}-button`}
      />
    </Space.Compact>
  );
}
