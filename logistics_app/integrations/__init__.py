"""Talking to other servers: fetching remote calendars with httpx, within limits."""
