def _run(self):
    try:
        self.__transport._log(
            DEBUG, "Starting handler for subsystem {}".format(self.__name)
        )
        self.start_subsystem(self.__name, self.__transport, self.__channel)
    except Exception as e:
        self.__transport._log(
            ERROR,
            'Exception in subsystem handler for "{}": {}'.format(
                self.__name, e
            ),
        )
        self.__transport._log(ERROR, util.tb_strings())
    try:
        self.finish_subsystem()
    except:
        pass
