from celery import shared_task

from caseload_import import services


# acks_late: a worker killed midway leaves the message unacknowledged, so another worker (or this one,
# restarted) runs the job again, and the job skips the rows already written.
@shared_task(acks_late=True, reject_on_worker_lost=True)
def import_caseload(job_id: int) -> int:
    return services.job_import(job_id=job_id).rows_done
