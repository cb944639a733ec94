/** The shortest password the server accepts (kept in step with its policy). */
export const MIN_PASSWORD = 12;
