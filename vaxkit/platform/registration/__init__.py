"""Citizens: mobile sign-in with OTP, accounts and the beneficiaries they register."""
