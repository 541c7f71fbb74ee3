@pytest.mark.xfail(condition=platform.system() == 'Darwin',
                   reason='Occasionally fails on macOS')
async def test_concurrent_write(self, localhost):
    async def send_data():
        while True:
            await client.send(b'\x00' * 1024000)

    async with await create_tcp_server(interface=localhost) as stream_server:
        async with await connect_tcp(localhost, stream_server.port) as client:
            async with create_task_group() as tg:
                await tg.spawn(send_data)
                await wait_all_tasks_blocked()
                try:
                    with pytest.raises(ResourceBusyError) as exc:
                        await client.send(b'foo')

                    exc.match('already writing to')
                finally:
                    await tg.cancel_scope.cancel()
