def test_POSTBIN_GET_POST_FILES_WITH_DATA(self):

    url = httpbin('post')
    post1 = requests.post(url).raise_for_status()

    post1 = requests.post(url, data={'some': 'data'})
    self.assertEqual(post1.status_code, 200)

    with open('requirements.txt') as f:
        post2 = requests.post(url, data={'some': 'data'}, files={'some': f})
    self.assertEqual(post2.status_code, 200)

    post4 = requests.post(url, data='[{"some": "json"}]')
    self.assertEqual(post4.status_code, 200)

    try:
        requests.post(url, files=['bad file data'])
    except ValueError:
        pass

    with open('requirements.txt') as f:
        try:
            requests.post(url, data='[{"some": "data"}]', files={'some': f})
        except ValueError:
            pass
