@transaction.commit_manually
def pop(self):
    try:
        resultset = select_for_update(self.filter(visible=True)
                                        .order_by('sent_at', 'id'))
        result = resultset[0:1].get()
        result.visible = False
        result.save()
        recv = self.__class__._messages_received
        recv[0] += 1
        if not recv[0] % self.cleanup_every:
            self.cleanup()
        transaction.commit()
        return result.payload
    except self.model.DoesNotExist:
        pass
    except:
        transaction.rollback()
