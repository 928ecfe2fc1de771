"""Studentbostäder: student homes against a regional target, queue statistics and a queue simulator."""
