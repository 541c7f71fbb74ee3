def setup_method(self):
    self.channels: set[Channel] = set()
    try:
        self.data_folder_in = tempfile.mkdtemp()
        self.data_folder_out = tempfile.mkdtemp()
        self.control_folder = tempfile.mkdtemp()
    except Exception:
        pytest.skip('filesystem transport: cannot create tempfiles')
    self.c = Connection(transport='filesystem',
                        transport_options={
                            'data_folder_in': self.data_folder_in,
                            'data_folder_out': self.data_folder_out,
                            'control_folder': self.control_folder,
                        })
    self.channels.add(self.c.default_channel)
    self.p = Connection(transport='filesystem',
                        transport_options={
                            'data_folder_in': self.data_folder_out,
                            'data_folder_out': self.data_folder_in,
                            'control_folder': self.control_folder,
                        })
    self.channels.add(self.p.default_channel)
    self.e_name = 'test_transport_filesystem'
    self.e = Exchange(self.e_name)
    self.q = Queue('test_transport_filesystem',
                   exchange=self.e,
                   routing_key='test_transport_filesystem')
    self.q2 = Queue('test_transport_filesystem2',
                    exchange=self.e,
                    routing_key='test_transport_filesystem2')
