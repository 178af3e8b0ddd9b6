"""Printed meeting and period reports: one HTML template with print CSS,
shown in the browser and rendered to PDF by WeasyPrint."""
