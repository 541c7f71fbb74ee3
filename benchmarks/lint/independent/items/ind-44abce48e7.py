@pytest.mark.skip('TODO: unstable test')
def test_process_shutdown_on_worker_shutdown(self):
    from celery.concurrency.asynpool import Worker
    from celery.concurrency.prefork import process_destructor
    with patch('celery.signals.worker_process_shutdown') as ws:
        with patch('os._exit') as _exit:
            worker = Worker(None, None, on_exit=process_destructor)
            worker._do_exit(22, 3.1415926)
            ws.send.assert_called_with(
                sender=None, pid=22, exitcode=3.1415926,
            )
            _exit.assert_called_with(3.1415926)
