/*
 * The SCORM 1.2 adapter of a package's quiz: finds the platform's API, starts the attempt, and at the end
 * records the lesson status (passed or failed) and the score as a percentage, commits and finishes.
 */
(function () {
    'use strict';

    function find(win) {
        for (var hops = 0; win && hops < 10; hops++) {
            if (win.API) {
                return win.API;
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
            var code = api.LMSGetLastError();
            throw new Error(name + '(' + args.join(', ') + ') failed: ' + code + ' ' + api.LMSGetErrorString(code));
        }
    }

    function set(element, value) {
        call('LMSSetValue', [element, String(value)]);
    }

    // CMITimespan: HHHH:MM:SS.SS
    function timespan(ms) {
        var seconds = ms / 1000;
        var pad = function (n, width) {
            var text = String(n);
            while (text.length < width) {
                text = '0' + text;
            }
            return text;
        };
        var hours = Math.floor(seconds / 3600);
        var minutes = Math.floor((seconds % 3600) / 60);
        var rest = (seconds % 60).toFixed(2);
        return pad(hours, 4) + ':' + pad(minutes, 2) + ':' + (rest.length < 5 ? '0' + rest : rest);
    }

    window.GdlPlatform = {
        start: function () {
            return new Promise(function (resolve) {
                if (!api) {
                    throw new Error('no SCORM 1.2 API was found');
                }
                call('LMSInitialize', ['']);
                if (api.LMSGetValue('cmi.core.lesson_status') === 'not attempted') {
                    set('cmi.core.lesson_status', 'incomplete');
                }
                // A mastery score the platform sets (adlcp:masteryscore, 0–100) wins over the module's pass mark.
                var mastery = api.LMSGetValue('cmi.student_data.mastery_score');
                resolve(mastery !== '' && !isNaN(Number(mastery)) ? { masteryScore: Number(mastery) / 100 } : {});
            });
        },
        finish: function (result) {
            return new Promise(function (resolve) {
                if (result.asked > 0) {
                    // SCORM 1.2 platforms read raw as a percentage (against the mastery score), so it is one.
                    set('cmi.core.score.raw', Math.round(result.scaled * 10000) / 100);
                    set('cmi.core.score.min', 0);
                    set('cmi.core.score.max', 100);
                    set('cmi.core.lesson_status', result.passed ? 'passed' : 'failed');
                } else {
                    set('cmi.core.lesson_status', 'completed');
                }
                set('cmi.core.session_time', timespan(Date.now() - started));
                call('LMSCommit', ['']);
                call('LMSFinish', ['']);
                resolve();
            });
        },
        // The learner leaves before submitting: the attempt is suspended, not left open on the platform.
        leave: function () {
            set('cmi.core.session_time', timespan(Date.now() - started));
            set('cmi.core.exit', 'suspend');
            call('LMSCommit', ['']);
            call('LMSFinish', ['']);
        }
    };
})();
