"""Reports: doses per day, cohort, vaccine and area, coverage; charts drawn as SVG on the server."""
