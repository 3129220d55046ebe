export const SUPPORT_CALENDAR_RULES = [];
