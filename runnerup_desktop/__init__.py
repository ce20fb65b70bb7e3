"""RunnerUp: keep the door open after coming in second."""

__version__ = "0.1.0"
APP_NAME = "RunnerUp"
APP_ID = "org.runnerup.RunnerUp"
ORGANIZATION = "RunnerUp"
