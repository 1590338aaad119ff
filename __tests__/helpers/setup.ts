import '@testing-library/jest-dom/jest-globals';

// The JSON logs stay quiet in jest; __tests__/integration/logs.test.ts reads them on purpose.
process.env.LOG_LEVEL ??= 'silent';
