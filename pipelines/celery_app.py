"""The Celery application the workers run (`celery -A pipelines.celery_app worker`).

Broker and result backend come from KINERJA_CELERY_BROKER and KINERJA_CELERY_BACKEND, the same
variables the executor of pipelines.agencies reads: e.g. pyamqp://user:pw@rabbit:5672// with
rpc://, or redis://redis:6379/0 for both. The tasks are Dagster's own (dagster_celery.tasks).
"""

import os

from dagster_celery.make_app import make_app
from dagster_celery.tasks import create_execute_job_task, create_resume_job_task, create_task

app = make_app(
    {
        "broker": os.environ.get("KINERJA_CELERY_BROKER", "pyamqp://guest@127.0.0.1:5672//"),
        "backend": os.environ.get("KINERJA_CELERY_BACKEND", "rpc://"),
        "include": ["pipelines.agencies"],
    }
)
execute_plan = create_task(app)
execute_job = create_execute_job_task(app)
resume_job = create_resume_job_task(app)
