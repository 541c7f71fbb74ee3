def test_chain_child_with_errback_replaced(self, manager, subtests):
    if not manager.app.conf.result_backend.startswith("redis"):
        raise pytest.skip("Requires redis result backend.")
    redis_connection = get_redis_connection()

    redis_key = str(uuid.uuid4())
    errback = redis_count.si(redis_key=redis_key)

    child_sig = fail_replaced.si()
    child_sig.link_error(errback)
    chain_sig = chain(child_sig, identity.si(42))

    redis_connection.delete(redis_key)
    with subtests.test(msg="Chain executes as expected"):
        res_obj = chain_sig()
        with pytest.raises(ExpectedException):
            res_obj.get(timeout=TIMEOUT)
    with subtests.test(msg="Errback is called after chain finishes"):
        await_redis_count(1, redis_key=redis_key)
    redis_connection.delete(redis_key)
