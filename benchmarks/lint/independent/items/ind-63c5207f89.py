def test_chain_children_with_callbacks(self, manager, subtests):
    if not manager.app.conf.result_backend.startswith("redis"):
        raise pytest.skip("Requires redis result backend.")
    redis_connection = get_redis_connection()

    redis_key = str(uuid.uuid4())
    callback = redis_count.si(redis_key=redis_key)

    child_task_count = 42
    child_sig = identity.si(1337)
    child_sig.link(callback)
    chain_sig = chain(child_sig for _ in range(child_task_count))

    redis_connection.delete(redis_key)
    with subtests.test(msg="Chain executes as expected"):
        res_obj = chain_sig()
        assert res_obj.get(timeout=TIMEOUT) == 1337
    with subtests.test(msg="Chain child task callbacks are called"):
        await_redis_count(child_task_count, redis_key=redis_key)
    redis_connection.delete(redis_key)
