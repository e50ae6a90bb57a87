/*
 * The cmi5 adapter of a package's quiz (the AU's side of the cmi5 runtime). From the launch URL it takes
 * endpoint, fetch, actor, registration and activityId; it fetches the session's auth token, reads
 * LMS.LaunchData from the state API, and sends the cmi5 defined statements: initialized at the start,
 * then completed, passed or failed (with the scaled score) and terminated at the end.
 */
(function () {
    'use strict';
    var VERBS = {
        initialized: 'http://adlnet.gov/expapi/verbs/initialized',
        completed: 'http://adlnet.gov/expapi/verbs/completed',
        passed: 'http://adlnet.gov/expapi/verbs/passed',
        failed: 'http://adlnet.gov/expapi/verbs/failed',
        terminated: 'http://adlnet.gov/expapi/verbs/terminated'
    };
    var CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
    var MOVE_ON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
    var MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
    // The AU's own state document: what this registration has already recorded, since cmi5 allows one
    // "completed" and one "passed" per registration, however many times the learner launches.
    var PROGRESS = 'urn:gdl:cmi5:progress';

    var params = new URLSearchParams(window.location.search);
    var launch = {
        endpoint: params.get('endpoint'),
        fetch: params.get('fetch'),
        actor: params.get('actor'),
        registration: params.get('registration'),
        activityId: params.get('activityId')
    };
    var token = null;
    var launchData = null;
    var progress = { completed: false, passed: false };
    var actor = null;
    var started = Date.now();

    function endpoint(path) {
        return launch.endpoint.replace(/\/?$/, '/') + path;
    }

    function xapi(method, url, body) {
        var headers = { Authorization: 'Basic ' + token, 'X-Experience-API-Version': '1.0.3' };
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }
        return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(function (response) {
            if (!response.ok) {
                throw new Error(method + ' ' + url.split('?')[0] + ' answered ' + response.status);
            }
            return response;
        });
    }

    function uuid() {
        if (window.crypto && window.crypto.randomUUID) {
            return window.crypto.randomUUID();
        }
        var b = window.crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        var hex = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
        return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
    }

    function duration() {
        return 'PT' + ((Date.now() - started) / 1000).toFixed(2) + 'S';
    }

    /** A cmi5 defined statement: the LMS's context template, the registration, the cmi5 category, and moveOn when the result has success or completion. */
    function statement(verb, result, extensions) {
        var context = JSON.parse(JSON.stringify(launchData.contextTemplate || {}));
        context.registration = launch.registration;
        context.contextActivities = context.contextActivities || {};
        var category = (context.contextActivities.category || []).slice();
        category.push({ id: CMI5, objectType: 'Activity' });
        if (result && (result.success !== undefined || result.completion !== undefined)) {
            category.push({ id: MOVE_ON, objectType: 'Activity' });
        }
        context.contextActivities.category = category;
        if (extensions) {
            context.extensions = Object.assign({}, context.extensions || {}, extensions);
        }
        var display = {};
        display['en-US'] = verb;
        var made = {
            id: uuid(),
            timestamp: new Date().toISOString(),
            actor: actor,
            verb: { id: VERBS[verb], display: display },
            object: { id: launch.activityId, objectType: 'Activity' },
            context: context
        };
        if (result) {
            made.result = result;
        }
        return made;
    }

    function stateUrl(stateId) {
        var query = new URLSearchParams({
            stateId: stateId,
            activityId: launch.activityId,
            agent: JSON.stringify(actor),
            registration: launch.registration
        });
        return endpoint('activities/state?' + query.toString());
    }

    // A state document the LRS does not hold yet is answered 404: for our own progress, that means none.
    function readProgress() {
        var headers = { Authorization: 'Basic ' + token, 'X-Experience-API-Version': '1.0.3' };
        return fetch(stateUrl(PROGRESS), { headers: headers }).then(function (response) {
            if (response.status === 404) {
                return progress;
            }
            if (!response.ok) {
                throw new Error('GET state answered ' + response.status);
            }
            return response.json();
        });
    }

    function send(verb, result, extensions) {
        return xapi('POST', endpoint('statements'), statement(verb, result, extensions));
    }

    window.GdlPlatform = {
        start: function () {
            var missing = Object.keys(launch).filter(function (key) { return !launch[key]; });
            if (missing.length > 0) {
                return Promise.reject(new Error('the launch URL lacks ' + missing.join(', ')));
            }
            actor = JSON.parse(launch.actor);
            return fetch(launch.fetch, { method: 'POST' })
                .then(function (response) { return response.json(); })
                .then(function (answer) {
                    if (!answer['auth-token']) {
                        throw new Error('the fetch URL gave no auth-token (' + (answer['error-text'] || answer['error-code'] || 'no reason') + ')');
                    }
                    token = answer['auth-token'];
                    return xapi('GET', stateUrl('LMS.LaunchData'));
                })
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    launchData = data;
                    return readProgress();
                })
                .then(function (saved) {
                    progress = { completed: saved.completed === true, passed: saved.passed === true };
                    return send('initialized');
                })
                .then(function () {
                    return typeof launchData.masteryScore === 'number' ? { masteryScore: launchData.masteryScore } : {};
                });
        },
        finish: function (result) {
            // Only a Normal launch may record completion or a result; Browse and Review launches just end.
            var normal = !launchData.launchMode || launchData.launchMode === 'Normal';
            var steps = [];
            if (normal && !progress.completed) {
                steps.push(function () {
                    return send('completed', { completion: true, duration: duration() });
                });
            }
            // Once passed in a registration, a later attempt records no result: neither a second pass nor a fail.
            if (normal && result.asked > 0 && !progress.passed) {
                var mastery = null;
                if (typeof launchData.masteryScore === 'number') {
                    mastery = {};
                    mastery[MASTERY] = launchData.masteryScore;
                }
                steps.push(function () {
                    var score = { scaled: Math.round(result.scaled * 10000) / 10000, raw: result.correct, min: 0, max: result.asked };
                    return send(result.passed ? 'passed' : 'failed', { success: result.passed, score: score, duration: duration() }, mastery);
                });
            }
            if (normal) {
                steps.push(function () {
                    var saved = { completed: true, passed: progress.passed || result.passed === true };
                    return xapi('PUT', stateUrl(PROGRESS), saved);
                });
            }
            steps.push(function () {
                return send('terminated', { duration: duration() });
            });
            return steps
                .reduce(function (chain, step) {
                    return chain.then(step);
                }, Promise.resolve())
                .then(function () {
                    // Where the platform asks the learner to be sent back to once the AU has ended.
                    return { returnURL: launchData.returnURL };
                });
        }
    };
})();
