import type { LoginRequest, Me, TokenPair } from '@aigw/shared/admin/auth';
import { api } from '../../lib/api-client';

export const authApi = {
  login: (credentials: LoginRequest) => api.post<TokenPair>('/auth/login', credentials, { auth: false }),
  logout: (refreshToken: string) => api.post<void>('/auth/logout', { refresh_token: refreshToken }, { auth: false }),
  me: (signal?: AbortSignal) => api.get<Me>('/api/admin/me', { signal }),
};
