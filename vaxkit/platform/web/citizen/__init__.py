"""Citizen pages: sign-in with mobile and OTP, beneficiaries, search, booking."""
