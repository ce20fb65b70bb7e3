"""The job-board watch in the window: the worker that checks boards, the *Job boards*
page, and the banner that tells of a role posted again."""
