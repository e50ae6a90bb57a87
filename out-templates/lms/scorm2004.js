/*
 * The SCORM 2004 (4th edition) adapter of a package's quiz: finds the platform's API_1484_11, starts the
 * attempt, and at the end records completion, success and score, commits and terminates.
 */
(function () {
    'use strict';

    function find(win) {
        for (var hops = 0; win && hops < 10; hops++) {
            if (win.API_1484_11) {
                return win.API_1484_11;
            }
            if (win.parent === win) {
                break;
            }
            win = win.parent;
        }
        return null;
    }

    var api = find(window) || (window.opener ? find(window.opener) : null);
    var started = Date.now();

    function call(name, args) {
        var answer = api[name].apply(api, args);
        if (String(answer) !== 'true') {
            var code = api.GetLastError();
            throw new Error(name + '(' + args.join(', ') + ') failed: ' + code + ' ' + api.GetErrorString(code));
        }
    }

    function set(element, value) {
        call('SetValue', [element, String(value)]);
    }

    window.GdlPlatform = {
        start: function () {
            return new Promise(function (resolve) {
                if (!api) {
                    throw new Error('no SCORM 2004 API (API_1484_11) was found');
                }
                call('Initialize', ['']);
                if (api.GetValue('cmi.completion_status') !== 'completed') {
                    set('cmi.completion_status', 'incomplete');
                }
                // A pass mark the platform sets (imsss:minNormalizedMeasure) wins over the module's.
                var passing = api.GetValue('cmi.scaled_passing_score');
                resolve(passing !== '' && !isNaN(Number(passing)) ? { masteryScore: Number(passing) } : {});
            });
        },
        finish: function (result) {
            return new Promise(function (resolve) {
                set('cmi.completion_status', 'completed');
                if (result.asked > 0) {
                    set('cmi.success_status', result.passed ? 'passed' : 'failed');
                    set('cmi.score.scaled', Math.round(result.scaled * 10000) / 10000);
                    set('cmi.score.raw', result.correct);
                    set('cmi.score.min', 0);
                    set('cmi.score.max', result.asked);
                }
                set('cmi.session_time', 'PT' + ((Date.now() - started) / 1000).toFixed(2) + 'S');
                set('cmi.exit', 'normal');
                call('Commit', ['']);
                call('Terminate', ['']);
                resolve();
            });
        },
        // The learner leaves before submitting: the attempt is suspended, not left open on the platform.
        leave: function () {
            set('cmi.session_time', 'PT' + ((Date.now() - started) / 1000).toFixed(2) + 'S');
            set('cmi.exit', 'suspend');
            call('Commit', ['']);
            call('Terminate', ['']);
        }
    };
})();
