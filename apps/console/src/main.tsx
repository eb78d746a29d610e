import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { createTheme, CSSVariablesResolver, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Problem } from './api/client';
import { router } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    // A refusal is an answer, not a network blip: do not retry 4xx.
    queries: { retry: (count, err) => !(err instanceof Problem && err.status < 500) && count < 2, staleTime: 5_000 },
  },
});

// Darker primary shades than the default blue, so white text on buttons meets WCAG AA contrast.
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8 });
// "Dimmed" secondary text one step darker than Mantine's default, for 4.5:1 contrast on striped rows too.
const variables: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': '#495057', '--mantine-color-error': '#c92a2a' }, dark: {} });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={variables}>
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
