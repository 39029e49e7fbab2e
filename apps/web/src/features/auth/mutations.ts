import type { LoginRequest } from '@aigw/shared/admin/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { authStore } from '../../lib/auth-store';
import { authApi } from './api';

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (credentials: LoginRequest) => authApi.login(credentials),
    onSuccess: (pair) => {
      qc.removeQueries();
      authStore.setTokens(pair);
    },
    // The form shows the error (wrong password, too many attempts) itself.
    meta: { inlineErrors: 'all' },
  });
}

/**
 * Signs out: forgets the session here at once and goes to the login page, then tells the
 * gateway (best effort) so the refresh token cannot be used again.
 */
export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useCallback(() => {
    const refreshToken = authStore.refreshToken();
    authStore.clear();
    qc.removeQueries();
    void navigate('/login', { replace: true });
    if (refreshToken) authApi.logout(refreshToken).catch(() => undefined);
  }, [qc, navigate]);
}
