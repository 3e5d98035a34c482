"""Attendance in the warehouse: daily rows, the month's discipline, machine gaps."""
