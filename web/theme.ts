import type { ThemeConfig } from "antd";

/** Sober government palette: deep blue for actions, party red for warnings and accents. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: "#1d4f91",
    colorInfo: "#1d4f91",
    colorError: "#c8161d",
    colorLink: "#1d4f91",
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: {
      headerBg: "#1d4f91",
      headerColor: "#ffffff",
      headerPadding: "0 24px",
      siderBg: "#ffffff",
      bodyBg: "#f3f5f8",
    },
    Menu: {
      itemSelectedBg: "#e6eef8",
      itemSelectedColor: "#1d4f91",
    },
  },
};

export const brandRed = "#c8161d";
