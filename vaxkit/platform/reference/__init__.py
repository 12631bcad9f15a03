"""Reference data seeded from the profile: admin areas, vaccines, ID types, cohorts."""
